"""Office documents in the official look: Word (GB/T 9704-2012), Excel print setup, Chinese dates and file names.

Knows no domain: every producer (reports, meetings, recruitment, dues …) passes its own text in.
"""
