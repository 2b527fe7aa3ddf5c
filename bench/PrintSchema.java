/** Prints the writer's CREATE TABLE, so benchmarks create exactly the schema the writer uses. */
public class PrintSchema {
    public static void main(String[] args) {
        System.out.println(dev.failoverclient.conn.FailoverTable.CREATE + ";");
    }
}
