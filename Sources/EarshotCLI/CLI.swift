import EarshotWorld
public enum CLI { public static func main(_ args: [String]) -> Int32 { 0 } }
