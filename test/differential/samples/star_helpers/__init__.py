# Helper package of star_import_all.py (not a sample itself).
