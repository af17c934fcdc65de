package io.rentapi.api.invitations;

import io.rentapi.api.auth.Public;
import io.rentapi.api.auth.TokenResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/v1/invitations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Organizations")
public final class InvitationAcceptResource {
    private final InvitationService invitations;

    public InvitationAcceptResource(InvitationService invitations) {
        this.invitations = invitations;
    }

    @POST
    @Path("/accept")
    @Public
    @Operation(summary = "Accept an invitation with the token from its link: with the password of the invited "
            + "address's account, or with name and password to create that account. Answers tokens for the organization")
    public Response accept(@NotNull @Valid InvitationRequests.Accept request) {
        TokenResponse tokens = invitations.accept(request);
        return Response.status(Response.Status.CREATED).entity(tokens).build();
    }
}
