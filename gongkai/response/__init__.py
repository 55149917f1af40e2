"""回应关切 (SPEC.md module 8): public-opinion events (政务舆情) with their hour clocks, the
responses released, escalation of missed clocks, evaluation and accountability; press
conferences (新闻发布会) with their speakers, transcripts and the yearly count of
principal-leader appearances.

Where each rule lives:

- ``routing.suggest_responsible``: the responsible organization by 属地管理、分级负责、谁主管
  谁负责 (一般 → the county of the place; 较大 and above → the city; the competent department
  at that tier, else the tier's government). ``routing.overseeing_organization``: where missed
  clocks are escalated (the parent, or the top government's own office).
- ``models.DEFAULT_CLOCK_HOURS`` / ``ResponseClockRule``: first authoritative release within
  5 h and press conference within 24 h for 重大 and 特别重大; release within 24 h for 较大 and
  48 h for 一般, no press-conference clock. Copied onto the event when recorded.
- ``clocks.event_clocks``: the clocks in elapsed hours (``gongkai.workdays.add_hours``).
- ``services.escalate_missed_clocks``: one escalation per missed clock, e-mailed to the
  overseeing office; run by ``manage.py response_escalate`` (cron) and when staff open the list.
- ``models.DEFAULT_LEADER_MINIMUM`` / ``PrincipalLeaderRule`` and
  ``selectors.principal_leader_appearances``: principal-leader appearances a year (government 4,
  district 2, department 2, district department 1, town 0).
- ``demo.generate``: demonstration data.
"""
