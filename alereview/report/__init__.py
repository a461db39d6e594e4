"""The review's HTML report (``results/report.html``) and its generated methods paragraph."""
