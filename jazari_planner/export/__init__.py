"""Files written for a planner: a plan's, a comparison's or an analysis's, swapped in atomically.
"""
