"""Who may sign in and do what: accounts and passwords, the password policy,
the rights table with its scopes, and the command line's sign-in tokens."""
