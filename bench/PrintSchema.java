/** Prints the writer's CREATE TABLE, so benchmarks create exactly the schema the writer uses. */
public class PrintSchema {
    public static void main(String[] args) throws Exception {
        var field = Class.forName("dev.failoverclient.workload.TableSchema").getDeclaredField("CREATE");
        field.setAccessible(true);
        System.out.println(field.get(null) + ";");
    }
}
