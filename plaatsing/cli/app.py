"""The click command `plaatsing app` (registered in plaatsing/cli/__init__.py)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from plaatsing.cli import nl


@click.command("app", options_metavar="[OPTIES]")
@click.argument("map_", metavar="[MAP]", required=False,
                type=nl.map_(exists=True))
@click.option("--poort", type=click.IntRange(0, 65535), default=0, show_default=False, metavar="POORT",
              help="Poortnummer (standaard: een vrije poort).")
@click.option("--host", metavar="ADRES",
              help="Luister ook op dit adres (bijvoorbeeld 0.0.0.0), zodat andere computers de pagina kunnen "
                   "openen; dan alleen met de toegangscode die getoond wordt en met --tls-cert/--tls-key "
                   "(of --onveilig-http). Standaard alleen 127.0.0.1.")
@click.option("--tls-cert", type=click.Path(dir_okay=False, exists=True, path_type=Path), metavar="BESTAND",
              help="Certificaat (PEM) voor HTTPS; nodig bij --host, samen met --tls-key.")
@click.option("--tls-key", type=click.Path(dir_okay=False, exists=True, path_type=Path), metavar="BESTAND",
              help="Sleutel (PEM) bij --tls-cert.")
@click.option("--onveilig-http", is_flag=True,
              help="Sta --host toe zonder TLS: namen gaan dan onversleuteld over het netwerk (elke pagina waarschuwt).")
@click.option("--geen-browser", is_flag=True, help="Open de browser niet vanzelf.")
def app(map_, poort, host, tls_cert, tls_key, onveilig_http, geen_browser):
    """Start de plaatsingspagina in de browser: scenario openen, controleren, plaatsen, besluiten
    bekijken en uitleggen, wat-als proberen en alles downloaden.

    Voorbeeld: plaatsing app scenarios/

    MAP (niet verplicht) is een map met scenario's om uit te kiezen; uploaden kan altijd. De pagina
    draait alleen op deze computer (127.0.0.1): niets wordt van internet geladen en geüploade bestanden
    staan in een tijdelijke map die bij het stoppen (Ctrl-C) wordt verwijderd.
    """
    from plaatsing.signalen import controleer_start, door_signaal, onderbroken_bij_start

    try:
        from plaatsing.app.beveiliging import is_loopback
        from plaatsing.app.server import StartFout, start
        controleer_start()
    except (KeyboardInterrupt, Exception) as fout:  # a library may turn the Ctrl-C into any error (signalen)
        if door_signaal(fout) is None and not onderbroken_bij_start():
            raise
        _niet_gestart()
    if bool(tls_cert) != bool(tls_key):
        raise click.UsageError("geef --tls-cert en --tls-key samen op.")
    if host is not None and not is_loopback(host) and not tls_cert and not onveilig_http:
        raise click.UsageError("met --host gaan namen en besluiten over het netwerk: geef een certificaat op met "
                               "--tls-cert en --tls-key, of kies bewust --onveilig-http (onversleuteld).")
    try:
        start(map_, host=host or "127.0.0.1", poort=poort, host_gegeven=host is not None,
              browser=not geen_browser, melden=lambda tekst: click.echo(tekst, err=True),
              tls=(tls_cert, tls_key) if tls_cert else None, onveilig=onveilig_http)
    except StartFout as fout:
        click.echo(f"Fout: {fout}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:  # before the app served: it did not start (a Ctrl-C while it serves stops it normally)
        _niet_gestart()


def _niet_gestart():
    click.echo("Afgebroken door Ctrl-C; de app is niet gestart.", err=True)
    sys.exit(130)
