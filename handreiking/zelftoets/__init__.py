"""The zelftoets: the newspaper test, its advice and anonymous reflections."""
