#!/usr/bin/env bash
# Mesure le Tableau de bord sur 10 000 dossiers (calcul, mise en page, dessin)
# et échoue si une opération complète dépasse 100 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(go test ./ui -run '^$' -bench 'BenchmarkDashboard10000' -benchtime 10x -count 1 2>/dev/null)
echo "$out" | grep Benchmark
ns=$(echo "$out" | awk '/BenchmarkDashboard10000\/all/ {print $3}')
if [ -z "$ns" ]; then
	echo "mesure introuvable" >&2
	exit 1
fi
ms=$((ns / 1000000))
echo "Tableau de bord, 10 000 dossiers : $ms ms par opération (objectif : moins de 100 ms)"
[ "$ms" -lt 100 ]
