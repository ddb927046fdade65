"""The data contract and the definitions: every dataset's columns and categories, every
definition (active member, age band, compliance rule, alert threshold), and the order in
which tables are grouped by organisation. The ground floor: it imports nothing of ours."""
