"""Input: importing HR-system exports into a scenario workbook (importeren, hr_exports)."""
