"""Write a synthetic scenario workbook of any size (the generator is plaatsing.voorbeelden.genereer).

Deterministic: the same N and seed give the same workbook, byte for byte.

    python benchmarks/genereer.py 2000 benchmarks/data/bench-2000.xlsx --seed 1
"""
from __future__ import annotations

import argparse
from pathlib import Path

from plaatsing.voorbeelden import SECTORGROOTTE, genereer


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Genereer een synthetisch scenario (scenario-formaat v1).")
    parser.add_argument("n", type=int, help="aantal medewerkers")
    parser.add_argument("uit", type=Path, help="uitvoerbestand (.xlsx)")
    parser.add_argument("--seed", type=int, default=1, help="seed (standaard 1)")
    parser.add_argument("--sectorgrootte", type=int, default=None,
                        help="de vorige vorm: een functiefamilie loopt over één sector van zoveel medewerkers "
                             f"(bijvoorbeeld {SECTORGROOTTE}); standaard lopen families door de hele organisatie")
    args = parser.parse_args(argv)
    for naam, waarde in genereer(args.n, args.uit, args.seed, args.sectorgrootte).items():
        print(f"  {naam}: {waarde}")
    print(f"{args.uit} geschreven")


if __name__ == "__main__":
    main()
