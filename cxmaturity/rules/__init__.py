"""Workshop rules: what a workshop allows and shows, with no storage code.

The store persists workshops and the results compute figures; both ask these modules
what the rules are, so each rule and each limit is written once.
"""
