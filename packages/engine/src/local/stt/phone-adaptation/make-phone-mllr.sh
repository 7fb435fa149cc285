#!/usr/bin/env bash
# Rebuilds phone-channel.mllr, the starting point of make-phone-means.sh: an MLLR transform that adapts
# Debian's 16 kHz en-us acoustic model to speech that came over a phone line (300–3400 Hz, 8 kHz μ-law, then back to 16 kHz as the recogniser
# hears it). Nothing above 3.4 kHz survives the line, and the model's fricatives (/s/, /f/, /th/) live up
# there: a transform learnt from phone-band speech moves the model's means to where that speech now is.
#
# Adaptation speech: flite's kal16 and awb voices (the benchmarks and tests speak with rms and slt, so the
# transform is never measured on the voices it was learnt from), 240 caller sentences each.
# Needs the Debian packages flite, sox, pocketsphinx, pocketsphinx-en-us and sphinxtrain (dev time only:
# the transform is committed, and pocketsphinx applies it with -mllr at run time).
# Usage: packages/engine/src/local/stt/phone-adaptation/make-phone-mllr.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../../../../.." && pwd)"
model=/usr/share/pocketsphinx/model/en-us
trainer=/usr/lib/sphinxtrain
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/wav" "$work/mfc" "$work/hmm"

(cd "$repo" && npx tsx "$here/sentences.ts") > "$work/sentences.txt"
: > "$work/fileids"
: > "$work/transcription"
index=0
while IFS= read -r sentence; do
  for voice in kal16 awb; do
    id="$(printf '%s_%03d' "$voice" "$index")"
    flite -voice "$voice" -t "$sentence" -o "$work/speech.wav"
    sox "$work/speech.wav" -t raw -r 16000 -e signed-integer -b 16 -c 1 - |
      sox -t raw -r 16000 -e signed-integer -b 16 -c 1 - -t raw -r 8000 -e mu-law -b 8 -c 1 - sinc 300-3400 |
      sox -t raw -r 8000 -e mu-law -b 8 -c 1 - -r 16000 -e signed-integer -b 16 -c 1 "$work/wav/$id.wav"
    echo "$id" >> "$work/fileids"
    echo "<s> $sentence </s> ($id)" >> "$work/transcription"
  done
  index=$((index + 1))
done < "$work/sentences.txt"

for file in means variances transition_matrices noisedict feat.params mdef; do
  ln -s "$model/en-us/$file" "$work/hmm/$file"
done
pocketsphinx_mdef_convert -text "$model/en-us/mdef" "$work/hmm/mdef.txt" 2>/dev/null
python3 "$here/sendump_to_mixw.py" "$model/en-us/sendump" "$work/hmm/mixture_weights"
sphinx_fe -argfile "$model/en-us/feat.params" -samprate 16000 -c "$work/fileids" \
  -di "$work/wav" -do "$work/mfc" -ei wav -eo mfc -mswav yes 2> "$work/fe.log"
"$trainer/bw" -hmmdir "$work/hmm" -moddeffn "$work/hmm/mdef.txt" -ts2cbfn .ptm. -feat 1s_c_d_dd \
  -svspec 0-12/13-25/26-38 -cmn current -agc none -dictfn "$model/cmudict-en-us.dict" \
  -fdictfn "$work/hmm/noisedict" -ctlfn "$work/fileids" -lsnfn "$work/transcription" \
  -cepdir "$work/mfc" -accumdir "$work" > "$work/bw.log" 2>&1
"$trainer/mllr_solve" -meanfn "$work/hmm/means" -varfn "$work/hmm/variances" \
  -outmllrfn "$here/phone-channel.mllr" -accumdir "$work" > "$work/mllr.log" 2>&1
echo "wrote $here/phone-channel.mllr from $(wc -l < "$work/fileids") utterances"
