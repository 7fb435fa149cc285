# Steps shared by make-phone-mllr.sh and make-phone-means.sh (sourced, not run): adaptation speech through the
# phone line, and Baum-Welch statistics of Debian's en-us model over it. Callers set `here` and `work`.
model=/usr/share/pocketsphinx/model/en-us
trainer=/usr/lib/sphinxtrain

# "$1" (a flite voice, pitch:VOICE:CENTS or espeak:VOICE@WPM) says "$2" into the 16 kHz wav "$3", through the
# phone line as the recogniser hears it: 300–3400 Hz, 8 kHz μ-law, back to 16 kHz. `sox -R`: no random
# dither, so a rebuild is byte for byte the same.
speak_through_phone_line() {
  case "$1" in
    espeak:*)
      local spec="${1#espeak:}"
      espeak-ng -v "${spec%@*}" -s "${spec##*@}" -w "$work/speech.wav" "$2"
      ;;
    pitch:*)
      local rest="${1#pitch:}"
      flite -voice "${rest%%:*}" -t "$2" -o "$work/flat.wav"
      sox -R "$work/flat.wav" "$work/speech.wav" pitch "${rest#*:}"
      ;;
    *) flite -voice "$1" -t "$2" -o "$work/speech.wav" ;;
  esac
  sox -R "$work/speech.wav" -t raw -r 16000 -e signed-integer -b 16 -c 1 - |
    sox -R -t raw -r 16000 -e signed-integer -b 16 -c 1 - -t raw -r 8000 -e mu-law -b 8 -c 1 - sinc 300-3400 |
    sox -R -t raw -r 8000 -e mu-law -b 8 -c 1 - -r 16000 -e signed-integer -b 16 -c 1 "$3"
}

# Adds sentence "$2" (number "$3") said by voice "$1" to the adaptation set: $work/wav, fileids, transcription.
add_utterance() {
  local id
  id="$(printf '%s_%03d' "$(echo "$1" | tr ':+@-' '____')" "$3")"
  speak_through_phone_line "$1" "$2" "$work/wav/$id.wav"
  echo "$id" >> "$work/fileids"
  echo "<s> $2 </s> ($id)" >> "$work/transcription"
}

# A trainable copy of Debian's model in $work/hmm, with the means file "$1" (the starting point).
prepare_model_copy() {
  mkdir -p "$work/hmm"
  for file in variances transition_matrices noisedict feat.params mdef; do
    ln -s "$model/en-us/$file" "$work/hmm/$file"
  done
  ln -s "$1" "$work/hmm/means"
  pocketsphinx_mdef_convert -text "$model/en-us/mdef" "$work/hmm/mdef.txt" 2>/dev/null
  python3 "$here/sendump_to_mixw.py" "$model/en-us/sendump" "$work/hmm/mixture_weights"
}

# Features of $work/wav/<id>.wav for every id in $work/fileids, then one Baum-Welch pass over them against
# $work/transcription: the statistics mllr_solve and map_adapt read from $work.
accumulate_statistics() {
  mkdir -p "$work/mfc"
  sphinx_fe -argfile "$model/en-us/feat.params" -samprate 16000 -c "$work/fileids" \
    -di "$work/wav" -do "$work/mfc" -ei wav -eo mfc -mswav yes 2> "$work/fe.log"
  "$trainer/bw" -hmmdir "$work/hmm" -moddeffn "$work/hmm/mdef.txt" -ts2cbfn .ptm. -feat 1s_c_d_dd \
    -svspec 0-12/13-25/26-38 -cmn current -agc none -dictfn "$model/cmudict-en-us.dict" \
    -fdictfn "$work/hmm/noisedict" -ctlfn "$work/fileids" -lsnfn "$work/transcription" \
    -cepdir "$work/mfc" -accumdir "$work" > "$work/bw.log" 2>&1
}
