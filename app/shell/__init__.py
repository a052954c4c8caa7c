"""The shell: the main window and what frames it (menus and actions, docks, theme, start
screen, presentation mode, recent files, the crash guard, the blueprint export)."""
