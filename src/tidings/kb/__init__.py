"""Knowledge bases extraction looks things up in: the actor registry and the offline gazetteer."""
