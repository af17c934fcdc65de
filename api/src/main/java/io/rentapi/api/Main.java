package io.rentapi.api;

/** The one executable: {@code server}, {@code worker}, {@code dev}, {@code db migrate}, {@code check}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        new RentapiApplication().run(args);
    }
}
