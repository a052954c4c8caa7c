"""The PDF operating-model blueprint (reportlab + matplotlib; no Qt)."""
