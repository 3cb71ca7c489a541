"""User settings and secrets (secrets only ever in the OS keyring)."""
