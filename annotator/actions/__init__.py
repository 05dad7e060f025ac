"""Operations over a project that both faces (window and command line) call: import, export, merge."""
