"""Pages of the accounts app: own.py for one's own account (/account/…), logins.py for managing the logins of
one's subtree (/accounts/…)."""
