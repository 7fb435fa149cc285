#!/usr/bin/env bash
# Rebuilds phone-channel.mllr, the starting point of make-phone-means.sh: an MLLR transform that adapts
# Debian's 16 kHz en-us acoustic model to speech that came over a phone line (300–3400 Hz, 8 kHz μ-law, then back to 16 kHz as the recogniser
# hears it). Nothing above 3.4 kHz survives the line, and the model's fricatives (/s/, /f/, /th/) live up
# there: a transform learnt from phone-band speech moves the model's means to where that speech now is.
#
# Adaptation speech: flite's kal16 and awb voices (the benchmarks and tests speak with rms and slt, so the
# transform is never measured on the voices it was learnt from), 240 caller sentences each.
# Needs the Debian packages flite, sox, pocketsphinx, pocketsphinx-en-us and sphinxtrain (dev time only:
# the transform is committed; make-phone-means.sh starts from it).
# Usage: packages/engine/src/local/stt/phone-adaptation/make-phone-mllr.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../../../../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/wav"
# shellcheck source=adaptation-steps.sh
. "$here/adaptation-steps.sh"

(cd "$repo" && npx tsx "$here/sentences.ts") > "$work/sentences.txt"
: > "$work/fileids"
: > "$work/transcription"
index=0
while IFS= read -r sentence; do
  for voice in kal16 awb; do
    add_utterance "$voice" "$sentence" "$index"
  done
  index=$((index + 1))
done < "$work/sentences.txt"

prepare_model_copy "$model/en-us/means"
accumulate_statistics
"$trainer/mllr_solve" -meanfn "$work/hmm/means" -varfn "$work/hmm/variances" \
  -outmllrfn "$here/phone-channel.mllr" -accumdir "$work" > "$work/mllr.log" 2>&1
echo "wrote $here/phone-channel.mllr from $(wc -l < "$work/fileids") utterances"
