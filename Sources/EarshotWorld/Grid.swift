public enum Grid {}
