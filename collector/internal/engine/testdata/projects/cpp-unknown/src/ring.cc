int Ring() { return 0; }
