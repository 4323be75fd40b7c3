import EarshotWorld
import EarshotMedia
import CFFTW
import CSamplerate
