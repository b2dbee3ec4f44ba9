namespace Legacy { public class Widget { } }
