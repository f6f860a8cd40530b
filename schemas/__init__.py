"""Package data: the JSON Schemas of the input formats, one `*.schema.json` file each."""
