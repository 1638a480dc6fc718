"""After the day: check-ins against the cascade (the method's 月度目标分解流程).

- ``subjects``: what actuals are typed for — each goal with a path over time, and each
  share of its splits by team, person or product — and the periods of each.
- ``ledger``: the actuals and accepted re-splits known at a check-in (a later check-in's
  figures replace an earlier one's for the same period).
- ``progress``: cumulative actual against cumulative plan, the method's progress rule
  (持平 / 落后 / 超前), what each remaining period and working day must now bring, and the
  re-split of what remains with the split's own weights.
- ``periods``: the periods a check-in can review (a month by default, a week where a
  goal is split by weeks).
- ``actions``: the actions to review, overdue ones and ones never checked first.

Pure: no I/O, no Textual.
"""
