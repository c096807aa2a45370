"""Input: the workbook reader, cell values, the format contract, validation and the template."""
