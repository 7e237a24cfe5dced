def test_cluster_page_for_cluster_manager(world, client_for):
    response = client_for(world.cluster_manager).get(f"/clusters/{world.cluster.pk}/")
    assert response.status_code == 200
