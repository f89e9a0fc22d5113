"""Corpus readers, schema validation, splits, near-duplicates, augmentation and statistics."""
