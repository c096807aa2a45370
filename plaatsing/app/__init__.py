"""`plaatsing app`: a local web page for the P&O adviser over the same library API as the CLI.

Layers: cli (the click command) → server (address, token, temporary folder, uvicorn) → web (the
screens, Starlette + Jinja + htmx) → taken (long work in a separate process, cancellable) → werk
(calls into plaatsing: read_scenario, solve, uitleg, wat_als, rapport, brieven). Importing this
package imports none of them.
"""
