// Media: PNG and audio files. Filled in by the vision and audio work.
import CSDL2
import CSndfile
