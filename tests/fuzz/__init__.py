"""The fuzzing harness: seeded mutation engines and the pipeline that judges each mutant."""
