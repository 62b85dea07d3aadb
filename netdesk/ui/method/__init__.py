"""The method mode: the routines career coaches teach, run by netdesk when the user turns it on."""
