"""The rules of regels.md §1–3 as data: kandidaten (SS-0…SS-7, H5), selection order (SEL-A/B), deelproblemen."""
