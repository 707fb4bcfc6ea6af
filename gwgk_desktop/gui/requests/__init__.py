"""The 依申请公开 area: the request register, the request and step dialogs, the working-day
calendar, the annual report and the start-up reminder."""
