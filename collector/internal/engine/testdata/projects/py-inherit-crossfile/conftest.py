# pytest configuration: marks the project as pytest's.
