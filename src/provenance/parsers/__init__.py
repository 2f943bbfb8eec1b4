"""One module per syntax: each reads its grammar's trees into model values (nothing else does)."""
