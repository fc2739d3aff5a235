#!/bin/sh
# history.sh measures the kind model (extract/kindmodel.go) against rules
# that had not been tuned on the articles scored: for each batch of dev
# articles below, it checks out the commit that added the batch (its gold
# was committed before any extractor run on it, so the extractor there has
# never seen the batch's styles), copies the kind model and its training
# harness into it, and
#
#  1. dumps the batch's labelled candidates as that extractor proposes
#     them (TestKindModelDump): the mistakes rules make on unseen styles;
#  2. holds the batch out (TestKindModelBatch): trains on MEANTIME, the
#     other dev articles of that commit and the other batches' dumps,
#     and scores the batch with the rules alone and with the model under
#     every pair of thresholds;
#
# then lobo_summary.py sums the batches, choosing each batch's thresholds
# on the other batches only. Only dev articles are read.
#
#	sh extract/testdata/kindmodel/history.sh [workdir] [rk|nork]
#
# (run from the repository root; workdir defaults to /tmp/kindmodel; nork
# trains without the rules' kind as a feature). It leaves the dumps in
# workdir/dump, the logs in workdir/lobo, and removes its worktrees.
set -eu
work=${1:-/tmp/kindmodel}
variant=${2:-rk}
flag=""
[ "$variant" = nork ] && flag="-kindmodel.norules"
root=$(git rev-parse --show-toplevel)
mkdir -p "$work/dump" "$work/lobo"
# The shared corpus (MEANTIME) is found as ../shared from a worktree.
[ -e "$work/shared" ] || ln -s "$root/../shared" "$work/shared"
batches="a750e48:50-57 29f548a:58-70 865f0d5:71-78 f42dbea:79-90 06e93b4:91-102 03c3869:119-122 8d57924:143-152 eabfb9b:153-162 b0a41fc:163-170"
for cb in $batches; do
	c=${cb%%:*}
	b=${cb#*:}
	wt="$work/w$c"
	[ -d "$wt" ] || git -C "$root" worktree add -q --detach "$wt" "$c"
	cp "$root/extract/kindmodel.go" "$root/extract/kindmodel_train_test.go" "$wt/extract/"
	sed 's/return extractRules(text, published)/return Extract(text, published)/' "$root/extract/export_test.go" >"$wt/extract/export_test.go"
	sed -i 's/^func loadHeldout(t \*testing.T, /func loadHeldout(t testing.TB, /' "$wt/extract/heldout_test.go"
	(cd "$wt" && go test -tags sqlite_fts5 -count 1 -run 'TestKindModelDump$' ./extract/ \
		-kindmodel.batch "$b" -kindmodel.dump "$work/dump/${variant}_$b.json" $flag >/dev/null)
done
for cb in $batches; do
	c=${cb%%:*}
	b=${cb#*:}
	extra=$(ls "$work"/dump/"${variant}"_*.json | grep -v "_$b.json" | paste -sd, -)
	(cd "$work/w$c" && go test -tags sqlite_fts5 -count 1 -run 'TestKindModelBatch$' -v ./extract/ \
		-kindmodel.batch "$b" -kindmodel.extra "$extra" $flag >"$work/lobo/${variant}_$b.txt" 2>&1)
done
for cb in $batches; do
	git -C "$root" worktree remove --force "$work/w${cb%%:*}"
done
cd "$work" && for mode in 0 1 2 3; do echo "== changes mode $mode"; python3 "$root/extract/testdata/kindmodel/lobo_summary.py" "$variant" $mode; done
