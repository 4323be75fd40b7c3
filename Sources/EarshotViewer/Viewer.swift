import EarshotWorld
import CSDL2
