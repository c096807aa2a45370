"""Input: the workbook reader, cell values, the format contract, validation, the template and the
import of HR-system exports (importeren, hr_exports)."""
