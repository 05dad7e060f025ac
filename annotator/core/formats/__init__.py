"""Exchange formats: writers and readers of CSV, JSONL, brat, REFI-QDA and W3C Web Annotation."""
