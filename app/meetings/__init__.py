"""The approval path: bodies, meetings, agenda, attendance, decisions, clause-by-clause agreement,
silence procedures (acted on by the job runner), signatures and entry into force, what is due."""
