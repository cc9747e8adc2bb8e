"""The workshop's rules, with no database code: lifecycle, limits, access, identity and
anonymity, the join gate, and the services that apply them through the repository port.

`cxmaturity.store` implements the port (SQL, in memory) and only persists.
"""
