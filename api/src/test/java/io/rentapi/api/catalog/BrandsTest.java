package io.rentapi.api.catalog;

import static io.rentapi.api.support.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rentapi.api.support.ApiClient;
import io.rentapi.api.support.ApiClient.ApiResponse;
import io.rentapi.api.support.RentalFixtures;
import io.rentapi.api.support.TestApp;
import io.rentapi.api.support.Tenants;
import io.rentapi.api.support.Tenants.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestApp.class)
class BrandsTest {
    private static ApiResponse post(Tenant t, String path, Object body) {
        return TestApp.api().post(path, t.accessToken(), body);
    }

    private static ApiResponse patch(Tenant t, String path, Object body) {
        return TestApp.api().patch(path, t.accessToken(), body);
    }

    private static ApiResponse get(Tenant t, String path) {
        return TestApp.api().get(path, t.accessToken());
    }

    private static ApiResponse delete(Tenant t, String path) {
        return TestApp.api().call("DELETE", path).token(t.accessToken()).send();
    }

    private static ApiResponse createItem(Tenant t, Object... fields) {
        ObjectNode body = RentalFixtures.serializedItemBody();
        body.setAll(object(fields));
        return post(t, "/v1/items", body);
    }

    private static List<Long> ids(Tenant t, String path) {
        ApiResponse response = get(t, path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return StreamSupport.stream(response.json().get("data").spliterator(), false)
                .map(n -> n.get("id").asLong()).toList();
    }

    private static List<String> events(Tenant t, String prefix) {
        return TestApp.jdbi().withHandle(h -> h.createQuery(
                "SELECT type FROM events WHERE org_id = :org AND type LIKE :prefix ORDER BY id")
                .bind("org", t.orgId()).bind("prefix", prefix + "%").mapTo(String.class).list());
    }

    private static int brandRows(Tenant t) {
        return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM brands WHERE org_id = :org")
                .bind("org", t.orgId()).mapTo(Integer.class).one());
    }

    @Test
    void aBrandIsCreatedListedReadChangedAndDeletedAndEveryChangeIsAnEvent() {
        Tenant t = Tenants.register();
        ApiResponse created = post(t, "/v1/brands", object("name", "  Makita ", "description", "Japanese power tools",
                "website", "https://www.makita.example", "metadata", object("tier", "premium")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode brand = created.json();
        long id = brand.get("id").asLong();
        assertThat(brand.get("object").asText()).isEqualTo("brand");
        assertThat(brand.get("name").asText()).isEqualTo("Makita");
        assertThat(brand.get("website").asText()).isEqualTo("https://www.makita.example");
        assertThat(brand.get("metadata").get("tier").asText()).isEqualTo("premium");
        assertThat(get(t, "/v1/brands/" + id).json()).isEqualTo(brand);

        long hilti = post(t, "/v1/brands", object("name", "Hilti")).json().get("id").asLong();
        long festool = post(t, "/v1/brands", object("name", "Festool", "description", "sanders")).json().get("id").asLong();
        assertThat(ids(t, "/v1/brands")).containsExactly(festool, hilti, id);
        assertThat(ids(t, "/v1/brands?limit=1")).containsExactly(festool);
        ApiResponse firstPage = get(t, "/v1/brands?limit=2");
        assertThat(firstPage.json().get("has_more").asBoolean()).isTrue();
        assertThat(ids(t, "/v1/brands?limit=2&starting_after=" + hilti)).containsExactly(id);
        assertThat(ids(t, "/v1/brands?ending_before=" + hilti)).containsExactly(festool);
        assertThat(ids(t, "/v1/brands?q=MAKI")).containsExactly(id);
        assertThat(ids(t, "/v1/brands?q=sander")).containsExactly(festool);
        assertThat(get(t, "/v1/brands?limit=101").status()).isEqualTo(400);

        ApiResponse changed = patch(t, "/v1/brands/" + id, object("name", "Makita Tools", "website", ""));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("name").asText()).isEqualTo("Makita Tools");
        assertThat(changed.json().get("website").isNull()).isTrue();
        assertThat(changed.json().get("description").asText()).isEqualTo("Japanese power tools");
        ApiResponse badWebsite = patch(t, "/v1/brands/" + id, object("website", "ftp://makita.example"));
        assertThat(badWebsite.status()).isEqualTo(422);
        assertThat(badWebsite.json().get("errors").get(0).get("field").asText()).isEqualTo("website");

        ApiResponse deleted = delete(t, "/v1/brands/" + id);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.json().get("id").asLong()).isEqualTo(id);
        assertThat(get(t, "/v1/brands/" + id).status()).isEqualTo(404);
        assertThat(delete(t, "/v1/brands/" + id).code()).isEqualTo("not_found");
        assertThat(ids(t, "/v1/brands")).containsExactly(festool, hilti);
        assertThat(events(t, "brand.")).containsExactly("brand.created", "brand.created", "brand.created",
                "brand.updated", "brand.deleted");
    }

    @Test
    void brandNamesAreUniquePerOrganizationWhateverTheirCase() {
        Tenant t = Tenants.register();
        assertThat(post(t, "/v1/brands", object("name", "Bosch")).status()).isEqualTo(201);
        ApiResponse duplicate = post(t, "/v1/brands", object("name", "BOSCH "));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.contentType()).startsWith("application/problem+json");
        assertThat(duplicate.code()).isEqualTo("brand_name_taken");

        long other = post(t, "/v1/brands", object("name", "Metabo")).json().get("id").asLong();
        ApiResponse renamed = patch(t, "/v1/brands/" + other, object("name", "bosch"));
        assertThat(renamed.status()).isEqualTo(409);
        assertThat(renamed.code()).isEqualTo("brand_name_taken");
        assertThat(patch(t, "/v1/brands/" + other, object("name", "METABO")).status()).isEqualTo(200);

        assertThat(post(Tenants.register(), "/v1/brands", object("name", "Bosch")).status()).isEqualTo(201);
        assertThat(brandRows(t)).isEqualTo(2);
    }

    @Test
    void anItemNamesItsBrandByIdOrByNameAndAnswersShowBoth() {
        Tenant t = Tenants.register();
        ApiResponse byName = createItem(t, "brand", "Stihl");
        assertThat(byName.status()).as(byName.toString()).isEqualTo(201);
        long stihl = byName.json().get("brand_id").asLong();
        assertThat(byName.json().get("brand").asText()).isEqualTo("Stihl");
        assertThat(get(t, "/v1/brands/" + stihl).json().get("name").asText()).isEqualTo("Stihl");
        assertThat(events(t, "brand.")).containsExactly("brand.created");

        ApiResponse sameName = createItem(t, "brand", "  STIHL");
        assertThat(sameName.json().get("brand_id").asLong()).isEqualTo(stihl);
        assertThat(sameName.json().get("brand").asText()).isEqualTo("Stihl");

        long husqvarna = post(t, "/v1/brands", object("name", "Husqvarna")).json().get("id").asLong();
        ApiResponse byId = createItem(t, "brand_id", husqvarna);
        assertThat(byId.json().get("brand_id").asLong()).isEqualTo(husqvarna);
        assertThat(byId.json().get("brand").asText()).isEqualTo("Husqvarna");
        assertThat(createItem(t, "brand_id", husqvarna, "brand", "husqvarna").status()).isEqualTo(201);
        ApiResponse disagree = createItem(t, "brand_id", husqvarna, "brand", "Stihl");
        assertThat(disagree.status()).isEqualTo(422);
        assertThat(disagree.json().get("errors").get(0).get("field").asText()).isEqualTo("brand");

        ApiResponse missing = createItem(t, "brand_id", 999_999_999L);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("not_found");
        ApiResponse foreign = createItem(Tenants.register(), "brand_id", husqvarna);
        assertThat(foreign.status()).isEqualTo(404);

        long item = byId.json().get("id").asLong();
        ApiResponse moved = patch(t, "/v1/items/" + item, object("brand", "stihl"));
        assertThat(moved.json().get("brand_id").asLong()).isEqualTo(stihl);
        assertThat(patch(t, "/v1/items/" + item, object("name", "Chainsaw")).json().get("brand_id").asLong()).isEqualTo(stihl);
        assertThat(patch(t, "/v1/items/" + item, object("brand_id", husqvarna)).json().get("brand").asText())
                .isEqualTo("Husqvarna");
        assertThat(patch(t, "/v1/items/" + item, object("brand_id", 999_999_999L)).status()).isEqualTo(404);
        JsonNode cleared = patch(t, "/v1/items/" + item, object("brand", "")).json();
        assertThat(cleared.get("brand").isNull()).isTrue();
        assertThat(cleared.get("brand_id").isNull()).isTrue();
        assertThat(createItem(t).json().get("brand_id").isNull()).isTrue();
    }

    @Test
    void renamingABrandShowsTheNewNameOnItsItemsAndItemsFilterByBrandNameOrId() {
        Tenant t = Tenants.register();
        long drill = createItem(t, "name", "Drill", "brand", "Dewalt").json().get("id").asLong();
        long saw = createItem(t, "name", "Saw", "brand", "Ryobi").json().get("id").asLong();
        long ladder = createItem(t, "name", "Ladder").json().get("id").asLong();
        long dewalt = get(t, "/v1/items/" + drill).json().get("brand_id").asLong();

        assertThat(ids(t, "/v1/items?brand=DEWALT")).containsExactly(drill);
        assertThat(ids(t, "/v1/items?brand_id=" + dewalt)).containsExactly(drill);
        assertThat(ids(t, "/v1/items?q=ryob")).containsExactly(saw);
        assertThat(ids(t, "/v1/items")).containsExactly(ladder, saw, drill);

        assertThat(patch(t, "/v1/brands/" + dewalt, object("name", "DeWALT Industrial")).status()).isEqualTo(200);
        assertThat(get(t, "/v1/items/" + drill).json().get("brand").asText()).isEqualTo("DeWALT Industrial");
        assertThat(ids(t, "/v1/items?brand=dewalt%20industrial")).containsExactly(drill);
        assertThat(ids(t, "/v1/items?brand=dewalt")).isEmpty();
        assertThat(ids(t, "/v1/items?q=industrial")).containsExactly(drill);
        assertThat(ids(t, "/v1/items?brand_id=" + dewalt + "&q=saw")).isEmpty();
        assertThat(get(t, "/v1/items?brand_id=abc").status()).isEqualTo(400);
    }

    @Test
    void aBrandItemsStillNameCannotBeDeleted() {
        Tenant t = Tenants.register();
        ApiResponse item = createItem(t, "brand", "Milwaukee");
        long brand = item.json().get("brand_id").asLong();
        ApiResponse refused = delete(t, "/v1/brands/" + brand);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("brand_in_use");
        assertThat(refused.json().get("detail").asText()).contains("1 item");
        assertThat(get(t, "/v1/brands/" + brand).status()).isEqualTo(200);

        patch(t, "/v1/items/" + item.json().get("id").asLong(), object("brand", ""));
        assertThat(delete(t, "/v1/brands/" + brand).status()).isEqualTo(200);
    }

    @Test
    void itemsCreatedAtOnceWithTheSameNewBrandNameMakeOneBrand() throws Exception {
        Tenant t = Tenants.register();
        int clients = 12;
        // a key per client, so that the clients do not queue on one quota bucket
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < clients; k++) {
            keys.add(Tenants.apiKey(t, "items:write").secret());
        }
        String name = "Race " + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApiResponse>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                ApiClient.Call call = TestApp.api().call("POST", "/v1/items").token(keys.get(i))
                        .json(RentalFixtures.serializedItemBody().put("brand", i % 2 == 0 ? name : name.toUpperCase()));
                answers.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.send();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Long> brandIds = new ArrayList<>();
            for (Future<ApiResponse> answer : answers) {
                ApiResponse response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.toString()).isEqualTo(201);
                brandIds.add(response.json().get("brand_id").asLong());
            }
            assertThat(brandIds).hasSize(clients).containsOnly(brandIds.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(brandRows(t)).isEqualTo(1);
        assertThat(events(t, "brand.")).containsExactly("brand.created");
        assertThat(events(t, "item.created")).hasSize(clients);
    }

    @Test
    void theOpenApiDescriptionShowsBrandsAndTheBrandOfItems() {
        JsonNode spec = TestApp.api().get("/v1/openapi.json", null).json();
        assertThat(spec.get("paths").get("/v1/brands").has("post")).isTrue();
        assertThat(spec.get("paths").get("/v1/brands").has("get")).isTrue();
        assertThat(spec.get("paths").get("/v1/brands/{id}").fieldNames()).toIterable()
                .contains("get", "patch", "delete");
        List<String> itemFilters = new ArrayList<>();
        spec.get("paths").get("/v1/items").get("get").get("parameters").forEach(p -> itemFilters.add(p.get("name").asText()));
        assertThat(itemFilters).contains("brand", "brand_id");
        JsonNode schemas = spec.get("components").get("schemas");
        assertThat(schemas.get("ItemView").get("properties").has("brand_id")).isTrue();
        assertThat(schemas.get("ItemView").get("properties").has("brand")).isTrue();
        assertThat(schemas.get("BrandView").get("properties").fieldNames()).toIterable()
                .contains("name", "description", "website", "metadata");
    }
}
