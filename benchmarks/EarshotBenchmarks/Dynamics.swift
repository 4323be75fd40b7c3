import EarshotWorld

func dynamicsBenchmark(_ arguments: [String]) {
  print("not written yet")
}
