"""The AI use-case register: one row per AI step, the inventory a governance team keeps
(NIST AI RMF GOVERN 1.6), as CSV (:mod:`exports.register.csv_file`) or as an Excel workbook
(:mod:`exports.register.workbook`). The rows themselves come from :mod:`exports.register.rows`.
"""
