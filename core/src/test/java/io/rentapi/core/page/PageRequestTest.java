package io.rentapi.core.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rentapi.core.error.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageRequestTest {
    @Test
    void theFirstPageReadsNewestFirstAndFetchesOneExtraRow() {
        PageRequest page = PageRequest.first(2);
        assertThat(page.order()).isEqualTo("DESC");
        assertThat(page.idAbove()).isZero();
        assertThat(page.idBelow()).isEqualTo(Long.MAX_VALUE);
        assertThat(page.fetch()).isEqualTo(3);
        Page<Integer> result = page.toPage(List.of(9, 8, 7));
        assertThat(result.data()).containsExactly(9, 8);
        assertThat(result.hasMore()).isTrue();
    }

    @Test
    void endingBeforeReadsUpwardsAndAnswersNewestFirst() {
        PageRequest page = new PageRequest(2, null, 5L);
        assertThat(page.order()).isEqualTo("ASC");
        assertThat(page.idAbove()).isEqualTo(5);
        Page<Integer> result = page.toPage(List.of(6, 7, 8));
        assertThat(result.data()).containsExactly(7, 6);
        assertThat(result.hasMore()).isTrue();
    }

    @Test
    void boundsAreChecked() {
        assertThatThrownBy(() -> PageRequest.first(0)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> PageRequest.first(101)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> new PageRequest(10, 1L, 2L)).isInstanceOf(ApiException.class);
        assertThat(new PageRequest(100, 4L, null).idBelow()).isEqualTo(4);
    }
}
