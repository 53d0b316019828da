"""Pure domain rules: no Django import, plain data in and out.

Every rule that decides something a user can dispute (phases, identifiers, who may be
accountable, which language a text is shown in) lives here so that it can be tested
exhaustively and reused by the web UI, the API, the CLI and exports alike.
"""
