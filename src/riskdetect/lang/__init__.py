"""Language data, kept apart from logic (one package per language)."""
